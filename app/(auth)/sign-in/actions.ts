"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "@/lib/validation/zod";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { spendSignInRequest } from "@/lib/rate-limit/abuse-limits";
import { requestClientIp } from "@/lib/rate-limit/client-ip";
import { emailAddressSchema } from "@/lib/validation/email-address";

const signInSchema = z.object({ email: emailAddressSchema });

export type SignInState = { email: string; error?: string };

/**
 * Same answer for every valid address: the link goes to admins only (see auth.ts). Over the sign-in
 * limits the state carries their sentence (lib/rate-limit/abuse-limits.ts).
 */
export async function requestSignInLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  // A public POST endpoint: a forged call may send anything, and still gets the form's answer.
  if (!(formData instanceof FormData)) return { email: "", error: "Enter a valid email address." };
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = signInSchema.safeParse({ email });
  if (!parsed.success) return { email, error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
  const refusal = await spendSignInRequest(getDb(), { email: parsed.data.email, ip: await requestClientIp(), now: new Date() });
  if (refusal) return { email, error: refusal.message };
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: "/users", redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      console.error("Sign-in link request failed", error.type);
      return { email, error: "We could not send a sign-in link just now. Try again in a moment." };
    }
    throw error;
  }
  redirect("/sign-in/check-email");
}

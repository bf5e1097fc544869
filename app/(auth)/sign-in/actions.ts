"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { emailAddressSchema } from "@/lib/validation/email-address";

const signInSchema = z.object({ email: emailAddressSchema });

export type SignInState = { email: string; error?: string };

/** Same answer for every valid address: the link goes to admins only (see auth.ts). */
export async function requestSignInLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = signInSchema.safeParse({ email });
  if (!parsed.success) return { email, error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
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

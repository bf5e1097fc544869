import { handlers } from "@/auth";
import { withSignInLimits } from "@/lib/rate-limit/sign-in-route-limits";

export const { GET } = handlers;
export const POST = withSignInLimits(handlers.POST);

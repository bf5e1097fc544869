import { signOut } from "@/auth";
import { Button } from "@/components/ui/button";

/** Sign out, in the console header and on /account: ends the caller's own session and nothing else. */
export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/sign-in" });
      }}
    >
      <Button variant="outline" size="sm" type="submit">
        Sign out
      </Button>
    </form>
  );
}

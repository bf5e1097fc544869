import { describe, expect, it } from "vitest";
import { limitSpentBy, recipientsIn, signInEmailOf } from "./limit-gate";

const action = (file: string, exportedName: string) => ({ file, exportedName });

describe("the limit a request would spend", () => {
  it("names the join, sign-in and invitation actions by their file and export", () => {
    const post = (file: string, name: string) => limitSpentBy({ method: "POST", pathname: "/anywhere", action: action(file, name) });
    expect(post("app/join/[token]/actions.ts", "joinAction")).toBe("join");
    expect(post("app/(auth)/sign-in/actions.ts", "requestSignInLink")).toBe("sign-in");
    expect(post("app/(console)/users/actions.ts", "inviteUsersAction")).toBe("invitations");
    expect(post("app/(console)/users/actions.ts", "resendInvitationsAction")).toBe("invitations");
  });

  it("leaves actions that spend no limit alone, though they share a page with those that do", () => {
    expect(limitSpentBy({ method: "POST", pathname: "/users", action: action("app/(console)/users/actions.ts", "removeUsersAction") })).toBeNull();
    expect(limitSpentBy({ method: "POST", pathname: "/users/invite", action: action("app/(console)/layout.tsx", "$$RSC_SERVER_ACTION_0") })).toBeNull();
    // Same export name, another file: not the join action.
    expect(limitSpentBy({ method: "POST", pathname: "/join/x", action: action("app/other/actions.ts", "joinAction") })).toBeNull();
  });

  it("counts opening a join link, and nothing else that is not an action", () => {
    expect(limitSpentBy({ method: "GET", pathname: "/join/abc", action: null })).toBe("join");
    expect(limitSpentBy({ method: "HEAD", pathname: "/join/abc/", action: null })).toBe("join");
    expect(limitSpentBy({ method: "GET", pathname: "/join", action: null })).toBeNull();
    expect(limitSpentBy({ method: "GET", pathname: "/users", action: null })).toBeNull();
    expect(limitSpentBy({ method: "GET", pathname: "/sign-in", action: null })).toBeNull();
  });
});

describe("the address a sign-in action body names", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  };

  it("reads the field as React prefixes it, and as a form without JavaScript posts it", () => {
    expect(signInEmailOf(form([["0", '["$K1"]'], ["_1_email", " Ada@Example.com "]]))).toBe("ada@example.com");
    expect(signInEmailOf(form([["$ACTION_ID_abc", ""], ["email", "ada@example.com"]]))).toBe("ada@example.com");
  });

  it("reads nothing from other fields or from values that are no address", () => {
    expect(signInEmailOf(form([["_1_emails", "ada@example.com"], ["name", "ada@example.com"]]))).toBeNull();
    expect(signInEmailOf(form([["_1_email", "not an address"]]))).toBeNull();
  });
});

describe("the invitations an invite or resend call would send", () => {
  it("counts the rows or the users its argument names", () => {
    const rows = Array.from({ length: 3 }, (_, index) => ({ firstName: "A", lastName: "B", email: `a${index}@example.com` }));
    expect(recipientsIn(JSON.stringify([{ rows }]))).toBe(3);
    expect(recipientsIn(JSON.stringify([{ memberIds: ["1", "2"] }]))).toBe(2);
  });

  it("counts one for a body that says nothing readable, which the action refuses anyway", () => {
    for (const body of ["", "not json", "[]", "[null]", '[{"rows":{"length":1000000}}]', '[{"rows":[]}]', '{"rows":[1,2]}']) {
      expect(recipientsIn(body), body).toBe(1);
    }
  });
});

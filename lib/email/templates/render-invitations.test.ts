import { render } from "@react-email/components";
import { describe, expect, it } from "vitest";
import { InvitationEmail } from "./invitation-email";
import { renderInvitations } from "./render-invitations";

const shared = {
  organizationName: "Acme & <Sons>",
  inviterName: "Grace \"Amazing\" Hopper",
  customMessage: "Welcome <b>aboard</b>\nSee you 'soon'",
  expiresOn: "23 December 2026",
  contactEmail: "help@acme.test",
};

describe("rendering invitations in bulk", () => {
  it("gives each recipient exactly the HTML a render of their own would give, escaping included", async () => {
    const recipients = [
      { inviteeFirstName: "Zoë", joinUrl: "http://localhost:3000/join/abc_DEF-123" },
      { inviteeFirstName: "O'Brien & <Co>", joinUrl: "https://roster.example/join/x?y=1&z=\"2\"" },
      { inviteeFirstName: "李小龙", joinUrl: "http://localhost:3000/join/zzz" },
    ];
    const bulk = await renderInvitations(shared, recipients);
    for (const [index, recipient] of recipients.entries()) {
      expect(bulk[index]!.html).toBe(await render(InvitationEmail({ ...shared, ...recipient })));
      expect(bulk[index]!.text).toContain(recipient.joinUrl);
    }
  });

  it("renders each in full when the settings contain a stand-in", async () => {
    const odd = { ...shared, customMessage: "ROSTERINVITEEFIRSTNAME8d1c" };
    const [one] = await renderInvitations(odd, [{ inviteeFirstName: "Ada", joinUrl: "http://x/join/1" }]);
    expect(one!.html).toContain("ROSTERINVITEEFIRSTNAME8d1c");
    expect(one!.html).toContain("Hello <!-- -->Ada");
  });
});

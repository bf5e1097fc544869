import { describe, expect, it } from "vitest";
import { actionNamesOf, manifestPath } from "./server-action-names";

describe("server action names from the build's manifest", () => {
  it("maps each id to its file and export, skipping entries that name neither", () => {
    const names = actionNamesOf({
      node: {
        "60bd": { filename: "app/join/[token]/actions.ts", exportedName: "joinAction" },
        "7f12": { filename: "app/(console)/users/actions.ts", exportedName: "inviteUsersAction" },
        "00bb": {},
      },
    });
    expect(names.get("60bd")).toEqual({ file: "app/join/[token]/actions.ts", exportedName: "joinAction" });
    expect(names.get("7f12")?.exportedName).toBe("inviteUsersAction");
    expect(names.has("00bb")).toBe(false);
    expect(actionNamesOf({}).size).toBe(0);
  });

  it("reads the manifest of the build, or of `next dev`", () => {
    expect(manifestPath(false)).toMatch(/\.next\/server\/server-reference-manifest\.json$/);
    expect(manifestPath(true)).toMatch(/\.next\/dev\/server\/server-reference-manifest\.json$/);
  });
});

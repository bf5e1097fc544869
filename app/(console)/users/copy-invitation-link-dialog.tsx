"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";

/** Shows a freshly made invitation link once, read-only, with Copy. Mounted open; closing unmounts it. */
export default function CopyInvitationLinkDialog({ email, joinUrl, onClose }: { email: string; joinUrl: string; onClose: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(joinUrl);
      setCopied("yes");
    } catch {
      // No clipboard access (a page on plain http, or the permission refused): select it for Ctrl+C.
      field.current?.select();
      setCopied("select");
    }
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogTitle>Invitation link for {email}</DialogTitle>
        <DialogDescription>
          No email was sent. The previous link no longer works. This link is shown only now: copy it and pass it on another way.
        </DialogDescription>
        <div className="mt-4 space-y-1">
          <Label htmlFor="invitation-link">Invitation link</Label>
          <div className="flex gap-2">
            <Input id="invitation-link" ref={field} readOnly value={joinUrl} onFocus={(event) => event.currentTarget.select()} className="font-mono text-xs" />
            <Button type="button" onClick={copy}>
              Copy
            </Button>
          </div>
          <p role="status" className="min-h-5 text-sm text-muted-foreground">
            {copied === "yes" ? "Copied to the clipboard." : copied === "select" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
          </p>
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Done</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

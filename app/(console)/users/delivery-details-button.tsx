"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// Its code loads when a row's Details is first pressed.
const DeliveryDetailsDialog = dynamic(() => import("./delivery-details-dialog"));

/** A row's Details: opens Delivery details for that user. */
export function DeliveryDetailsButton({ memberId, email }: { memberId: string; email: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" size="sm" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Details
      </Button>
      {open ? <DeliveryDetailsDialog memberId={memberId} email={email} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resendWebhookDeliveryAction } from "../actions";

export function ResendDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await resendWebhookDeliveryAction({ deliveryId });
          if (!result.ok) return void toast.error(result.message);
          toast.success("Delivery queued again.");
          router.refresh();
        })
      }
    >
      Resend
    </Button>
  );
}

import { TableSkeleton } from "@/components/table-skeleton";

export default function ActivityLoading() {
  return <TableSkeleton title="activity" />;
}

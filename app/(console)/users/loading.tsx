import { TableSkeleton } from "@/components/table-skeleton";

export default function UsersLoading() {
  return <TableSkeleton title="users" />;
}

// An empty list that tells the user what to do next.
import { Empty } from 'antd';
import type { ReactNode } from 'react';

export function EmptyHint({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {action}
    </Empty>
  );
}

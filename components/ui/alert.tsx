import type { HTMLAttributes, ReactNode } from 'react';

/**
 * A boxed message: `error` for what failed (announced to screen readers as an alert),
 * `warning` for what is missing or partial. `size="sm"` is the compact form used inside
 * panels (Explore's query status).
 */
const TONES = {
  error: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  warning: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200',
} as const;
const SIZES = { sm: 'px-2 py-1 text-xs', md: 'px-3 py-2 text-sm', lg: 'p-4 text-sm' } as const;

export interface AlertProps extends Omit<HTMLAttributes<HTMLElement>, 'role'> {
  tone?: keyof typeof TONES;
  size?: keyof typeof SIZES;
  /** `div` when the message holds block content (paragraphs, lists). */
  as?: 'p' | 'div';
  children: ReactNode;
  'data-testid'?: string;
}

export function Alert({ tone = 'error', size = 'md', as: Tag = 'p', className = '', children, ...rest }: AlertProps) {
  return (
    <Tag role={tone === 'error' ? 'alert' : undefined} className={`rounded border ${TONES[tone]} ${SIZES[size]} ${className}`.trim()} {...rest}>
      {children}
    </Tag>
  );
}

// Big one-tap choice buttons (thumb-sized on a phone) that act as a radio group.
import type { CSSProperties } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  icon?: string;
}

export function ChoiceGrid<T extends string>({ name, options, value, onChange, columns }: { name: string; options: Choice<T>[]; value: T | undefined; onChange: (value: T) => void; columns: number }) {
  const grid: CSSProperties = { display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8 };
  return (
    <div role="radiogroup" aria-label={name} style={grid}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={selected}
            data-testid={`${name}-${option.value}`}
            onClick={() => onChange(option.value)}
            style={{
              minHeight: 52,
              padding: '6px 4px',
              borderRadius: 8,
              border: selected ? '2px solid #1664d9' : '1px solid #d9d9d9',
              background: selected ? '#e6f0ff' : '#fff',
              color: '#1f2937',
              fontSize: 13,
              cursor: 'pointer',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
            }}
          >
            {option.icon && <span style={{ fontSize: 20, lineHeight: 1 }}>{option.icon}</span>}
            <span>{option.label}</span>
          </button>
        );
      })}
    </div>
  );
}

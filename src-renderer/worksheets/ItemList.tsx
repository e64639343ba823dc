/**
 * The sheet's items in print order: drag to reorder (HTML5 drag and drop) or use the move buttons (keyboard
 * and screen readers), the number of problems per item, new numbers for one item, lock and unlock, remove.
 */
import { useState } from 'react';
import type { WorksheetPreview } from '../../src-main/api/worksheet-contract.std.js';
import type { WorksheetSpec } from '../../src-main/worksheet/worksheet-spec.std.js';
import { MathText } from '../math/MathText.js';

interface Props {
  spec: WorksheetSpec;
  /** The shown version of the current preview (for each item's first problem), if any. */
  preview: WorksheetPreview | null;
  /** Locking needs the seeds of a preview of exactly this spec. */
  canLock: boolean;
  onMove: (from: number, to: number) => void;
  onCount: (index: number, count: number) => void;
  onRegenerate: (index: number) => void;
  onLock: (index: number) => void;
  onUnlock: (index: number) => void;
  onRemove: (index: number) => void;
}

const DRAG_TYPE = 'application/x-worksheet-item';

function shortId(id: string): string {
  return id.replace(/^starter\./, '');
}

export function ItemList({ spec, preview, canLock, onMove, onCount, onRegenerate, onLock, onUnlock, onRemove }: Props) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const shown = preview?.versions[preview.version];
  let first = 1;
  return (
    <ol className="ws-items" data-testid="item-list">
      {spec.items.map((item, i) => {
        const from = first;
        first += item.count;
        const sample = shown?.problems.find((p) => p.itemIndex === i)?.text;
        const label = `Item ${i + 1}`;
        return (
          <li
            key={`${i}-${item.templateId}`}
            className={`ws-item${dragging === i ? ' is-dragging' : ''}${over === i && dragging !== i ? ' is-over' : ''}${item.locked ? ' is-locked' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, String(i));
              e.dataTransfer.effectAllowed = 'move';
              setDragging(i);
            }}
            onDragEnd={() => {
              setDragging(null);
              setOver(null);
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              const source = Number(e.dataTransfer.getData(DRAG_TYPE));
              setDragging(null);
              setOver(null);
              if (Number.isInteger(source)) onMove(source, i);
            }}
            data-testid="item"
          >
            <span className="ws-grip" aria-hidden="true" title="Drag to reorder">
              ⋮⋮
            </span>
            <div className="ws-item-main">
              <div className="ws-item-head">
                <span className="ws-item-numbers">{item.count === 1 ? `${from}.` : `${from}–${from + item.count - 1}.`}</span>
                <code className="ws-item-id" title={item.templateId}>
                  {shortId(item.templateId)}
                </code>
                {item.locked && <span className="ws-badge">locked</span>}
                <span className="ws-item-tools">
                  {item.locked ? (
                    <button type="button" className="button button-small" onClick={() => onUnlock(i)} data-testid="item-unlock">
                      Unlock
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => onLock(i)}
                      disabled={!canLock}
                      title="Keep these numbers whatever else changes (even the seed)"
                      data-testid="item-lock"
                    >
                      Lock
                    </button>
                  )}
                  <button type="button" className="button button-small button-quiet" onClick={() => onRemove(i)} aria-label={`Remove ${label.toLowerCase()}`} data-testid="item-remove">
                    ✕
                  </button>
                </span>
              </div>
              {sample !== undefined && <MathText className="ws-item-sample" text={sample} />}
              <div className="ws-item-actions">
                <label className="ws-count">
                  <span>Count</span>
                  <input
                    type="number"
                    min={1}
                    max={100}
                    value={item.count}
                    onChange={(e) => {
                      const n = Number(e.target.value);
                      if (Number.isFinite(n) && n >= 1) onCount(i, n);
                    }}
                    aria-label={`${label}: problems per version`}
                    data-testid="item-count"
                  />
                </label>
                <button type="button" className="button button-small" onClick={() => onMove(i, i - 1)} disabled={i === 0} aria-label={`Move ${label.toLowerCase()} up`}>
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onMove(i, i + 1)}
                  disabled={i === spec.items.length - 1}
                  aria-label={`Move ${label.toLowerCase()} down`}
                >
                  ↓
                </button>
                <button type="button" className="button button-small" onClick={() => onRegenerate(i)} title="New numbers for this item only" data-testid="item-regenerate">
                  New numbers
                </button>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

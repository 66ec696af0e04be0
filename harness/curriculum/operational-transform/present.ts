/**
 * How a collab run is shown: lanes `server`, `c1 … cK`; each edit with the text after it, each
 * transform cell with both answers, each applied op with the text it gives; link acks are routine.
 */
import { referenceTransform, showAnswers, showTextOp, showTextOps } from '../../checkers/index.ts';
import type { CollabMessage, CollabRun } from '../../cluster/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../presenter.ts';

export const collabPresenter: Presenter<CollabRun> = {
  lanes: (run) => lanesOf(['server', ...run.clients]),
  message: (msg): Presented => {
    const m = msg as CollabMessage;
    if (m.type === 'link-ack') return quiet(`link ack ${m.upTo}`);
    return shown(
      m.entries
        .map((e) => {
          const p = e.payload;
          return p.kind === 'edit' ? `edit on rev ${p.rev}: ${showTextOps(p.ops)}` : p.kind === 'op' ? `${p.from}'s ${showTextOps(p.ops)}` : 'ack';
        })
        .join('; '),
    );
  },
  note: (name, data): Presented | null => {
    const d = data as Record<string, unknown>;
    switch (name) {
      case 'ot-edit':
        return shown(`${showTextOp(d.op as TextOp)} → ${JSON.stringify(d.text)}`);
      case 'ot-cell': {
        const [a, b] = [d.a as TextOp, d.b as TextOp];
        const [ta, tb] = showAnswers(d.answer as [unknown, unknown], [referenceTransform(a, b), referenceTransform(b, a)]);
        return shown(`transform ${a.site}'s ${showTextOp(a)} / ${b.site}'s ${showTextOp(b)} on ${JSON.stringify(d.base)}: ${ta} and ${tb}${d.problem ? ` (${d.problem as string})` : ''}`);
      }
      case 'ot-server-apply':
        return shown(`applies ${d.from as string}'s ${showTextOps(d.ops)} → ${JSON.stringify(d.text)}`);
      case 'ot-client-apply':
        return shown(`applies ${d.from as string}'s ${showTextOps(d.ops)} → ${JSON.stringify(d.text)}`);
      default:
        return null;
    }
  },
};

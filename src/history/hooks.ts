/** React hooks of the history views: follow the model, follow the clock. */
import * as React from 'react';

import { onTick } from '../common';
import { HistoryModel } from './model';

/** Re-render whenever the model changes. */
export function useModel(model: HistoryModel): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const onChange = () => setTick(t => t + 1);
    model.changed.connect(onChange);
    return () => {
      model.changed.disconnect(onChange);
    };
  }, [model]);
}

/** Re-render on the shared clock's ticks so that "5 min ago" stays true. */
export function useClock(): Date {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const subscription = onTick(() => setNow(new Date()));
    return () => subscription.dispose();
  }, []);
  return now;
}

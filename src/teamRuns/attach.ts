/**
 * Lumino widgets hosted inside React elements.
 */
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

/**
 * Detach and dispose a widget attached to a node React manages. React may
 * already have removed the host node from the document (unmount), in which
 * case Widget.detach would throw; the detach messages are sent by hand then.
 */
export function disposeAttached(widget: Widget): void {
  if (widget.isDisposed) {
    return;
  }
  try {
    if (widget.isAttached) {
      if (widget.node.isConnected) {
        Widget.detach(widget);
      } else {
        MessageLoop.sendMessage(widget, Widget.Msg.BeforeDetach);
        widget.node.remove();
        MessageLoop.sendMessage(widget, Widget.Msg.AfterDetach);
      }
    }
  } finally {
    widget.dispose();
  }
}

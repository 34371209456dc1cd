// OS notifications for the core's alerts; silent while the tray's "Pause alerts" is on. A click
// shows the window on the notification's page (the weather plan for a weather alert).
import { Notification } from 'electron';
import type { Notifier } from '../core/ports';

export function desktopNotifier(
  isPaused: () => boolean,
  open: (route?: string) => void = () => undefined,
): Notifier {
  return {
    notify({ title, body, route, onClick }) {
      if (isPaused() || !Notification.isSupported()) return;
      const note = new Notification({ title, body });
      note.on('click', () => {
        open(route);
        onClick?.();
      });
      note.show();
    },
  };
}

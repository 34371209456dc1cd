// OS notifications for the core's alerts; silent while the tray's "Pause alerts" is on.
import { Notification } from 'electron';
import type { Notifier } from '../core/ports';

export function desktopNotifier(isPaused: () => boolean): Notifier {
  return {
    notify({ title, body, onClick }) {
      if (isPaused() || !Notification.isSupported()) return;
      const note = new Notification({ title, body });
      if (onClick) note.on('click', onClick);
      note.show();
    },
  };
}

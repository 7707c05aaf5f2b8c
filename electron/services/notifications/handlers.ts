import type { notificationsApi } from '../../../shared/api/notifications';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';
import type { NotificationService } from './service';

const same = <T>(value: T) => value;

export const notificationsHandlers = (service: NotificationService): SliceHandlers<typeof notificationsApi> => ({
  commands: {
    'notifications.markRead': (input) => service.markRead(input),
    'notifications.setMuted': (input) => service.setMuted(input),
    'notifications.claim': (input) => service.claim(input),
  },
  liveQueries: {
    'notifications.list': (params, emit, onError) => liveFrom(service.list$(params.limit), same, emit, onError),
    'notifications.settings': (_params, emit, onError) => liveFrom(service.settings$(), same, emit, onError),
    'notifications.desktop': (_params, emit, onError) => liveFrom(service.desktop$(), same, emit, onError),
  },
});

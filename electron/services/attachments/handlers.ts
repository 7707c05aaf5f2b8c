import type { attachmentsApi } from '../../../shared/api/attachments';
import { liveFrom } from '../../core/live';
import type { SliceHandlers } from '../../core/router';
import type { AttachmentService } from './service';

export const attachmentsHandlers = (service: AttachmentService): SliceHandlers<typeof attachmentsApi> => ({
  commands: {
    'attachments.add': (input) => service.add(input),
    'attachments.open': (input) => service.open(input),
    'attachments.thumbnail': (input) => service.thumbnail(input),
  },
  liveQueries: {
    'attachments.item': (params, emit, onError) => liveFrom(service.changes$, () => service.item(params.sha256), emit, onError),
    'attachments.usage': (_params, emit, onError) => liveFrom(service.changes$, () => service.usage(), emit, onError),
  },
});

/**
 * Messages of the browser harness WebSocket. The renderer's WebSocket transport speaks the
 * same shapes (it imports the type from shared/api/harness via a structural copy there).
 */
import { z } from 'zod';

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), id: z.number().int().nonnegative(), name: z.string().max(100), input: z.unknown() }).strict(),
  z.object({ type: z.literal('subscribe'), id: z.number().int().nonnegative(), name: z.string().max(100), params: z.unknown() }).strict(),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

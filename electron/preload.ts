/**
 * Builds window.cims from the contract: one function per command, plus live query
 * subscriptions. The renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CimsBridge } from '../shared/api/bridge';
import { commandNames, ipcChannels } from '../shared/api/contract';
import type { Result } from '../shared/api/result';

const listeners = new Map<string, (result: Result<never>) => void>();
let nextKey = 1;

ipcRenderer.on(ipcChannels.liveUpdate, (_event, key: string, result: Result<never>) => listeners.get(key)?.(result));

const commands = Object.fromEntries(
  commandNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannels.command, name, input)]),
) as CimsBridge['commands'];

const bridge: CimsBridge = {
  commands,
  subscribe: (name, params, listener) => {
    const key = `s${nextKey++}`;
    listeners.set(key, listener as (result: Result<never>) => void);
    void ipcRenderer.invoke(ipcChannels.subscribe, key, name, params).then((result: Result<unknown>) => {
      if (!result.ok) listener(result);
    });
    return () => {
      listeners.delete(key);
      void ipcRenderer.invoke(ipcChannels.unsubscribe, key);
    };
  },
};

contextBridge.exposeInMainWorld('cims', bridge);

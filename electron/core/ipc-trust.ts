/**
 * Whether an IPC message may reach the core: it must come from our own window's main frame
 * showing our own page. Sub-frames, other windows and pages navigated elsewhere are refused
 * (RELIABILITY B2). Pure, so it is tested without Electron.
 */
export interface IpcSender {
  /** The sending WebContents is our main window's. */
  fromOurWindow: boolean;
  /** The sending frame is that window's top frame, not an iframe. */
  isMainFrame: boolean;
  /** URL of the sending frame. */
  frameUrl: string;
}

export const isTrustedSender = (sender: IpcSender, appPageUrl: string): boolean => {
  if (!sender.fromOurWindow || !sender.isMainFrame) return false;
  try {
    const frame = new URL(sender.frameUrl);
    const app = new URL(appPageUrl);
    // Same scheme and same file: hash and query may change inside the app, nothing else.
    return frame.protocol === app.protocol && frame.host === app.host && frame.pathname === app.pathname;
  } catch {
    return false;
  }
};

// biome-ignore-all lint/suspicious/noExplicitAny: mirrors the `any` of Electron's own typings
/**
 * The part of Electron's API the Electron guide uses, with Electron's own signatures (electron.d.ts), so
 * the guide's blocks are type-checked without installing Electron (a 100 MB download) in this repo.
 */
declare module 'electron' {
  export interface WebContents {
    send(channel: string, ...args: any[]): void;
  }
  export interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
  }
  export class BrowserWindow {
    constructor(options?: { width?: number; height?: number; webPreferences?: WebPreferences });
    webContents: WebContents;
    loadFile(filePath: string): Promise<void>;
    loadURL(url: string): Promise<void>;
  }
  export interface IpcMainInvokeEvent {
    sender: WebContents;
  }
  export interface IpcRendererEvent {
    sender: unknown;
  }
  export const app: {
    whenReady(): Promise<void>;
    on(event: string, listener: (...args: any[]) => void): unknown;
    quit(): void;
  };
  export const ipcMain: {
    handle(
      channel: string,
      listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any,
    ): void;
  };
  export const ipcRenderer: {
    on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): unknown;
    invoke(channel: string, ...args: any[]): Promise<any>;
  };
  export const contextBridge: {
    exposeInMainWorld(apiKey: string, api: any): void;
  };
}

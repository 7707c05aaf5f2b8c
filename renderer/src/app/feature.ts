import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../shared/schema/enums';
import type { en } from '../i18n/common/en';

export type NavLabel = `nav.${Exclude<keyof (typeof en)['nav'], 'label' | 'youAreHere'>}`;

export interface NavEntry {
  to: string;
  label: NavLabel;
  icon: ComponentType;
  /** Position in the navigation, lowest first. */
  order: number;
  /** Who sees the entry; everyone when absent. The server refuses the rest anyway. */
  roles?: readonly Role[];
}

/**
 * What a feature adds to the frame: its routes (pages loaded lazily, so the first screen
 * does not wait for the others) and its entries in the navigation.
 */
export interface Feature {
  routes: RouteObject[];
  nav: NavEntry[];
  /** Pages drawn without the frame (print views: the service report). */
  bareRoutes?: RouteObject[];
  /**
   * Loads the feature's main page module ahead of its first visit: for the screen most users
   * open first, fetched and parsed while the core still starts instead of after the frame.
   */
  preload?: () => Promise<unknown>;
}

/** A route whose page module is fetched when the route is first visited. */
export const lazyPage =
  <M extends Record<string, unknown>>(load: () => Promise<M>, exportName: keyof M & string): RouteObject['lazy'] =>
  async () => ({ Component: (await load())[exportName] as ComponentType });

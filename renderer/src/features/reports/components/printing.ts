import { createContext, useContext } from 'react';

/**
 * Whether the report views are drawn for print (the review pack): charts without animation,
 * tables whole, without export buttons or drill-down links.
 */
export const PrintingContext = createContext(false);
export const usePrinting = (): boolean => useContext(PrintingContext);

export const en = {
  "heading": "Stocktakes",
  "intro": "Count the installed base of a site or a region: scan asset codes or RFID tags, offline too, then resolve each difference with the register.",
  "none": "No stocktakes yet.",
  "open": {
    "heading": "Open a stocktake",
    "scope": "Scope",
    "scopeSite": "A site",
    "scopeRegion": "A region",
    "site": "Site",
    "siteOption": "{{customer}} · {{site}} ({{count}} assets)",
    "region": "Region",
    "regionOption": "{{region}} ({{count}} assets)",
    "title": "Title (optional)",
    "submit": "Open stocktake",
    "opened": "Stocktake opened: {{title}} expects {{count}} assets."
  },
  "status": {
    "counting": "Counting",
    "reconciling": "Reconciling",
    "closed": "Closed"
  },
  "figures": {
    "expected": "Expected",
    "found": "Found",
    "unexpected": "Unexpected",
    "missing": "Missing",
    "scans": "{{count}} scans by {{counters}} people, {{duplicates}} repeated",
    "open": "{{count}} differences to resolve"
  },
  "listRow": "{{found}} of {{expected}} found · {{unexpected}} unexpected · {{missing}} missing",
  "scope": {
    "site": "{{customer}} · {{site}} ({{region}})",
    "region": "Region {{region}}"
  },
  "count": {
    "heading": "Count",
    "label": "Scan or type an asset code, RFID tag or serial number, then Enter",
    "hint": "A barcode or RFID scanner types the code and presses Enter for you. Works offline: scans are kept on this computer and sync later.",
    "submit": "Count",
    "ended": "Counting has ended; the asset manager is reconciling.",
    "notYours": "Counts come from field staff of region {{region}}.",
    "recent": "Latest scans",
    "noScans": "Nothing scanned yet.",
    "outcome": {
      "found": "{{code}} found",
      "duplicate": "{{code}} was counted already (kept, counted once)",
      "unexpected": "{{code}} is registered elsewhere: counted as unexpected",
      "unknown": "{{code}} is not in the register: recorded as unexpected"
    },
    "by": "{{by}}, {{time}}"
  },
  "lines": {
    "found": "Found ({{count}})",
    "missing": "Missing ({{count}})",
    "unexpected": "Unexpected ({{count}})",
    "code": "Asset code",
    "scanned": "Scanned code",
    "serial": "Serial",
    "model": "Model",
    "registeredAt": "Registered at",
    "unknownAsset": "Not in the register",
    "scans": "Scans",
    "countedBy": "Counted by",
    "resolution": "Resolution",
    "none": "None.",
    "unresolved": "To resolve"
  },
  "resolve": {
    "heading": "Reconcile",
    "intro": "Resolve each missing and unexpected asset. An asset registered elsewhere and resolved as moved is registered at this site; new assets and wrong data go to the asset register as recorded here.",
    "choose": "Resolution for {{code}}",
    "note": "Note for {{code}}",
    "noteHeader": "Note",
    "what": "Difference",
    "save": "Save",
    "saved": "Resolution saved.",
    "savedMoved": "Resolution saved; the asset is now registered at this site.",
    "by": "{{resolution}} — {{by}}",
    "kind": {
      "moved": "Moved",
      "missing": "Missing (lost)",
      "new": "New: register it",
      "wrong_data": "Wrong data: correct it"
    }
  },
  "actions": {
    "endCounting": "End counting",
    "close": "Close stocktake",
    "closeBlocked": "Resolve every difference before closing ({{count}} left).",
    "exportCsv": "Export CSV",
    "exportXlsx": "Export Excel",
    "ended": "Counting ended.",
    "closed": "Stocktake closed."
  },
  "notFound": "This stocktake is not on this computer (yet). It appears once it has synced.",
  "back": "All stocktakes",
  "validation": {
    "codeEmpty": "Scan or type a code first.",
    "codeTooLong": "That code has {{length}} characters; codes are at most {{max}}. The scanner may have read several codes at once: scan again.",
    "titleTooLong": "The title is at most 200 characters.",
    "regionRequired": "Choose a region.",
    "noteTooLong": "The note is at most 2,000 characters.",
    "scopeTooBig": "That scope holds more assets than one stocktake takes (5,000): count its sites one by one.",
    "resolutionDoesNotFit": "That resolution does not fit this line."
  }
};

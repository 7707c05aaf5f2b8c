export const en = {
  "heading": "Photos and files",
  "add": "Add photo or file",
  "hint": "Drop photos or files onto the ticket, or paste an image. Photos are reduced to 2,048 px before they are kept.",
  "adding_one": "Adding {{count}} file…",
  "adding_other": "Adding {{count}} files…",
  "added_one": "{{count}} file added",
  "added_other": "{{count}} files added",
  "dropHere": "Drop to attach to this ticket",
  "usage": "{{used}} of {{quota}} used on this computer",
  "waiting_one": "{{count}} file waits to be sent to the server",
  "waiting_other": "{{count}} files wait to be sent to the server",
  "allSent": "All files are on the server",
  "failed": "{{file}}: {{reason}}",
  "tooLargeBefore": "The file is larger than {{limit}}. Nothing was added.",
  "unreadable": "The photo could not be read. Nothing was added; try saving it as JPEG first.",
  "thumbnailAlt": "Photo {{file}}",
  "open": "Open {{file}}",
  "opening": "Opening…",
  "save": "Save",
  "close": "Close",
  "notHere": "Not on this computer yet: opening fetches it from the server",
  "upload": {
    "waiting": "Waiting to be sent",
    "uploaded": "On the server",
    "refused": "Refused by the server",
    "none": "—"
  }
} as const;

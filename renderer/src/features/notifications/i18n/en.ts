export const en = {
  "heading": "Notifications",
  "intro": "Work that needs you: tickets assigned or escalated to you or your team, customer replies, SLA clocks about to breach, assessment steps you are late with, and your monthly review packs.",
  "markAllRead": "Mark all read",
  "unread": "Unread",
  "empty": "Nothing needs you right now. New assignments, escalations, customer replies and SLA warnings appear here.",
  "bell": "Notifications",
  "bellUnread_one": "Notifications, {{count}} unread",
  "bellUnread_other": "Notifications, {{count}} unread",
  "open": "Open {{number}}",
  "title": {
    "assigned": "{{number}} assigned to you",
    "escalated": "{{number}} escalated to you or your team",
    "breach_warning": "{{number}}: {{clock}} about to breach",
    "customer_reply": "The customer replied on {{number}}",
    "assessment_late": "Assessment {{number}}: your step is overdue",
    "report_pack": "The review pack for {{number}} is ready"
  },
  "clock": {
    "firstResponse": "first response",
    "restore": "restore",
    "fix": "fix"
  },
  "settings": {
    "heading": "Notify me about",
    "intro": "Turn off what you do not want to hear about. Applies on this computer to your account."
  },
  "kind": {
    "assigned": "Tickets assigned to me",
    "escalated": "Escalations to me or my team",
    "breach_warning": "SLA clocks about to breach",
    "customer_reply": "Customer replies on my tickets",
    "assessment_late": "Assessment steps I am late with",
    "report_pack": "My monthly review pack"
  },
  "permissionDenied": "Desktop notifications are blocked by the browser. Allow them in the site settings to see them outside this window."
} as const;

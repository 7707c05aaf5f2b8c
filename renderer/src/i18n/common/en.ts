export const en = {
  "app": {
    "title": "CIMS",
    "subtitle": "Customer Issue Management",
    "skipToContent": "Skip to content"
  },
  "nav": {
    "label": "Main navigation",
    "dashboard": "Dashboard",
    "reports": "Reports",
    "queue": "Queues",
    "board": "Escalation board",
    "tickets": "Tickets",
    "sync": "Sync",
    "settings": "Settings",
    "about": "About",
    "admin": "Administration",
    "youAreHere": "Current page"
  },
  "route": {
    "notFoundTitle": "Page not found",
    "notFoundBody": "There is no page at {{path}}. The link may be old or mistyped.",
    "errorTitle": "This screen stopped working",
    "errorBody": "Something went wrong while showing this screen. Your data is safe; nothing was lost.",
    "back": "Go back",
    "home": "Go to the start page",
    "retry": "Try again",
    "loading": "Loading…"
  },
  "theme": {
    "toggle": "Switch between light and dark"
  },
  "language": {
    "label": "Language",
    "zh-CN": "中文",
    "en": "English"
  },
  "common": {
    "cancel": "Cancel",
    "close": "Close",
    "none": "—"
  },
  "escalationLevels": {
    "L1": "L1 frontline",
    "L2": "L2 technical support",
    "L3": "L3 R&D / product line",
    "spare_parts": "Spare parts",
    "logistics": "Logistics",
    "assignee": "Assignee",
    "team_lead": "Team lead",
    "service_manager": "Service manager",
    "regional_director": "Regional director"
  },
  "roles": {
    "technician": "Field technician",
    "engineer": "Support engineer",
    "expert": "R&D expert",
    "manager": "Service manager",
    "assessor": "Assessor",
    "admin": "Administrator"
  },
  "validation": {
    "reasonTooLong": "The reason can have at most 2,000 characters.",
    "severityReasonRequired": "Say why the severity changes.",
    "statusRequired": "Choose the new status.",
    "pendingReasonRequired": "Choose what the ticket is waiting for.",
    "outcomeRequired": "Choose whether service was restored or the cause fixed.",
    "causeRequired": "Choose the root cause category.",
    "summaryRequired": "Describe what was done.",
    "reopenReasonRequired": "Say why the ticket is reopened.",
    "bodyRequired": "Write something first.",
    "bodyTooLong": "The text can have at most 20,000 characters.",
    "teamRequired": "Choose a team.",
    "axisRequired": "Choose functional or hierarchical.",
    "levelRequired": "Choose the target level.",
    "escalationReasonRequired": "Say why the ticket is escalated.",
    "contactRequired": "Enter the contact's name.",
    "contactTooLong": "The contact's name can have at most 120 characters.",
    "phoneTooLong": "The phone number can have at most 40 characters.",
    "emailInvalid": "Enter a valid e-mail address.",
    "productLineTooLong": "The product line can have at most 60 characters.",
    "tagTooLong": "A tag can have at most 40 characters.",
    "tooManyTags": "A ticket can have at most 20 tags.",
    "titleTooShort": "Enter a title of at least 3 characters.",
    "titleTooLong": "The title can have at most 200 characters.",
    "descriptionTooLong": "The description can have at most 10,000 characters.",
    "severityRequired": "Choose a severity.",
    "typeRequired": "Choose a type.",
    "channelRequired": "Choose a channel.",
    "customerRequired": "Enter the customer.",
    "customerTooLong": "The customer name can have at most 200 characters.",
    "invalid": "This value is not valid.",
    "serverUrlInsecure": "Use an https:// address; plain http:// is only for a server on this computer.",
    "serverUrlInvalid": "Enter an address starting with http:// or https://.",
    "usernameRequired": "Enter your user name.",
    "passwordRequired": "Enter your password."
  },
  "errors": {
    "VALIDATION_FAILED": "Some fields are not valid. Correct them and try again.",
    "UNKNOWN_COMMAND": "This version of the app does not support that action. Restart the app.",
    "UNKNOWN_QUERY": "This version of the app does not support that view. Restart the app.",
    "UNAUTHORIZED": "Your session has ended. Sign in again.",
    "FORBIDDEN": "You are not allowed to do this.",
    "NOT_FOUND": "The record no longer exists.",
    "CONFLICT": "Someone else changed this record. Reload and try again.",
    "STORAGE_FAILED": "Could not save on this computer (the disk may be full). Free some space and try again; nothing was changed.",
    "TRANSPORT_FAILED": "Lost the connection to the app core. Reload the window.",
    "SERVER_UNREACHABLE": "The server cannot be reached. Check the address and your network; you can keep working offline.",
    "SIGN_IN_FAILED": "Wrong user name or password, or the account is disabled.",
    "RATE_LIMITED": "Too many attempts. Wait a minute and try again.",
    "UPDATE_REQUIRED": "The server needs a newer version of CIMS. Install the update, then sign in.",
    "INTERNAL": "Something went wrong. Try again; if it persists, restart the app.",
    "RANGE_REVERSED": "The period ends before it starts. Pick an end month after the start month.",
    "RANGE_TOO_LONG": "A report covers at most five years. Shorten the period.",
    "MONTH_IN_FUTURE": "The period reaches into a month that has not begun. End it at the current month or earlier.",
    "UNKNOWN_PRODUCT_LINE": "There is no such product line. Pick one from the list."
  }
} as const;

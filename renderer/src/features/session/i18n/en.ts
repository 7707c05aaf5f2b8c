export const en = {
  "signIn": "Sign in",
  "signingIn": "Signing in…",
  "signInTitle": "Sign in to the CIMS server",
  "signInAgain": "Sign in again",
  "signOut": "Sign out",
  "serverUrl": "Server address",
  "serverUrlHint": "For example http://cims.example.com:8787",
  "username": "User name",
  "password": "Password",
  "exportUnsynced": "Export unsynced work",
  "exported_one": "{{count}} record exported.",
  "exported_other": "{{count}} records exported.",
  "endedMessage_one": "Your session has ended (signed out elsewhere, password changed or account disabled). {{count}} change on this computer is kept but not synced: sign in again, or export it.",
  "endedMessage_other": "Your session has ended (signed out elsewhere, password changed or account disabled). {{count}} changes on this computer are kept but not synced: sign in again, or export them.",
  "updateRequiredMessage": "The server needs a newer version of CIMS. Your changes are kept on this computer; install the update to sync them."
} as const;

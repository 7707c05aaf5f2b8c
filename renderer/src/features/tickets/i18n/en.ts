export const en = {
  "heading": "Tickets",
  "new": "New ticket",
  "create": "Create ticket",
  "creating": "Creating…",
  "created": "Ticket {{number}} created",
  "list": "Recent tickets",
  "detail": {
    "backToList": "All tickets",
    "notFound": "Ticket {{number}} is not on this computer. It may belong to another team, or it has not synced yet.",
    "milestones": "Milestones",
    "noDescription": "No description."
  },
  "open": "Open ticket {{number}}",
  "empty": "No tickets yet. Create the first one with the form.",
  "count_one": "{{count}} ticket",
  "count_other": "{{count}} tickets",
  "provisionalHint": "Provisional number until the ticket first syncs",
  "field": {
    "title": "Title",
    "description": "Description",
    "severity": "Severity",
    "type": "Type",
    "channel": "Channel",
    "customerName": "Customer",
    "number": "No.",
    "priority": "Priority",
    "status": "Status",
    "createdAt": "Created",
    "updatedAt": "Updated",
    "slaDueAt": "SLA due",
    "region": "Region",
    "contactName": "Contact",
    "respondedAt": "Responded",
    "restoredAt": "Restored",
    "resolvedAt": "Resolved",
    "closedAt": "Closed"
  },
  "severity": {
    "critical": "Critical",
    "major": "Major",
    "minor": "Minor"
  },
  "type": {
    "fault": "Fault",
    "complaint": "Complaint",
    "inquiry": "Inquiry",
    "service_request": "Service request"
  },
  "channel": {
    "phone": "Phone",
    "email": "Email",
    "onsite": "On site",
    "portal": "Portal"
  },
  "status": {
    "new": "New",
    "acknowledged": "Acknowledged",
    "in_progress": "In progress",
    "pending": "Pending",
    "restored": "Restored",
    "resolved": "Resolved",
    "closed": "Closed"
  }
} as const;

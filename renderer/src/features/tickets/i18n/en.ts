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
  "empty": "No tickets yet. Record the first one with New ticket.",
  "count_one": "{{count}} ticket",
  "count_other": "{{count}} tickets",
  "provisionalHint": "Provisional number until the ticket first syncs",
  "newPage": {
    "intro": "Record the customer's problem. The priority and the SLA due times show before you save; works offline."
  },
  "intake": {
    "customer": "Customer",
    "customerHint": "Search by name, Chinese name or code.",
    "keyAccount": "Key account",
    "newCustomer": "New customer: “{{name}}”",
    "newCustomerHint": "Recorded with one site; an administrator completes it later.",
    "noCustomers": "No customer matches. Check the spelling, or type the full name to record a new customer.",
    "searching": "Searching…",
    "site": "Site",
    "chooseCustomerFirst": "Choose the customer first.",
    "asset": "Asset code",
    "assetHint": "Type or scan the code, then press Enter.",
    "assetTooLong": "That is longer than any asset code ({{max}} characters at most): scan the label again.",
    "assetFound": "{{model}} · serial {{serial}}",
    "assetClear": "Remove the asset",
    "reportKind": "What the customer asks for",
    "problemReport": "Problem report: find and remove the cause",
    "restoreOnly": "Restore only: bring the service back",
    "contact": "Contact",
    "contactName": "Contact name",
    "contactPhone": "Phone",
    "contactEmail": "E-mail",
    "severityHelp": {
      "critical": "Service outage or severe loss of capacity, traffic, billing or maintenance; a safety or security risk. Needs non-stop action around the clock.",
      "major": "The product works, but operation, administration or maintenance is seriously degraded. Needs action in business hours.",
      "minor": "Anything else that needs a fix, with little effect on service."
    },
    "preview": {
      "heading": "Before you save",
      "priority": "Priority",
      "firstResponse": "First response due",
      "restore": "Restore due",
      "fix": "Fix due",
      "noTarget": "No target",
      "clock24x7": "around the clock",
      "clockBusiness": "business hours",
      "zone": "Business hours are counted in {{zone}}."
    },
    "duplicates": {
      "heading": "Possible duplicates",
      "intro": "Open tickets of this customer with a similar title. Open one instead of recording the problem twice.",
      "open": "Open {{number}}"
    },
    "created": "Ticket {{number}} created.",
    "openCreated": "Open ticket {{number}}"
  },
  "tier": {
    "key": "Key account",
    "general": "General account"
  },
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

package demo

// Word lists for Generate. They combine into plausible names and titles;
// realism matters less than variety and valid, printable text.

var firstNames = []string{
	"Ada", "Ben", "Chiara", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jun",
	"Kofi", "Lena", "Marta", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tariq",
	"Uma", "Viktor", "Wen", "Yara", "Zoltan",
}

var lastNames = []string{
	"Andersen", "Banerjee", "Costa", "Dubois", "Eriksen", "Fischer", "Gonzalez", "Haddad",
	"Ito", "Jovanovic", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okoye", "Petrov",
	"Quaresma", "Rossi", "Schmidt", "Tanaka",
}

var generatedGoals = []goalSpec{
	{"Customers come back to order again", "Raise the share of customers who order again within 30 days."},
	{"Checkout never loses an order", "Every committed basket becomes an order."},
	{"Cost to serve an order goes down", "Fewer support contacts and cheaper infrastructure per order."},
	{"New markets launch in weeks, not months", "Currencies, languages and tax rules are configuration."},
	{"Every release is safe to ship on a Friday", "Automated checks, fast rollbacks, no manual steps."},
}

var areas = []string{
	"Checkout", "Search", "Onboarding", "Payments", "Delivery slots", "Order history",
	"Loyalty", "The support console", "Notifications", "The catalogue", "Returns", "Promotions",
}

var claims = []string{
	"is fast on slow phones", "works offline", "handles twice today's traffic",
	"meets WCAG 2.2 AA", "needs no support ticket", "is measured end to end",
	"speaks three more languages", "survives a provider outage", "costs half as much to run",
	"has no manual release steps",
}

var roles = []string{"shopper", "member", "guest", "support agent", "store manager", "new customer"}

var actions = []string{
	"see what changed since my last visit", "undo my last change", "finish without typing my address",
	"get an answer without calling support", "pay with my saved card", "find it in two taps",
	"get a receipt by email", "pick a delivery slot that suits me", "track my refund",
	"use it with a screen reader",
}

var notes = []string{
	"Mostly waiting on review.", "The hard part is still ahead.", "Done in staging, not in production.",
	"Blocked two days on the provider.", "Better than it looks on the board.", "Not sure the estimate on the last story holds.",
}

var followUps = []string{
	"Write down the definition of done", "Pair on the flaky end-to-end test", "Ask the provider about rate limits",
	"Split the big story before planning", "Share the dashboard with support", "Book a session with the design team",
}

package demo

import "github.com/align-team/align/model"

// Team is the name of the sample team.
const Team = "Checkout Crew"

type memberSpec struct {
	name, handle string
	facilitator  bool
	bias         int // how far this member's estimates run from the truth
}

// sampleMembers: jonas is the team's optimist, mateo its pessimist.
var sampleMembers = []memberSpec{
	{name: "Priya Raman", handle: "priya", facilitator: true, bias: 1},
	{name: "Jonas Weber", handle: "jonas", bias: 15},
	{name: "Amara Okafor", handle: "amara", bias: 2},
	{name: "Mateo García", handle: "mateo", bias: -13},
	{name: "Lin Chen", handle: "lin", bias: -1},
	{name: "Sofia Lindqvist", handle: "sofia", bias: 0},
}

type goalSpec struct{ title, desc string }

var sampleGoals = []goalSpec{
	{"Customers come back to order again", "Share of customers who order again within 30 days: from 38 % to 45 % by the end of the year."},
	{"Checkout never loses an order", "Every basket a customer commits to becomes an order, whatever the network or the payment provider does."},
	{"Cost to serve an order goes down", "Fewer support contacts and cheaper infrastructure per order, without slowing delivery down."},
}

// Goal indexes into sampleGoals; noGoal leaves an objective unlinked.
const (
	goalReturn = iota
	goalReliable
	goalCost
	noGoal = -1
)

type storySpec struct {
	title  string
	points int
	status model.StoryStatus
}

// estimateSpec is one member's answer in the current sprint.
type estimateSpec struct {
	handle     string
	progress   int
	confidence int
	note       string
	abstain    bool
}

type objectiveSpec struct {
	title, desc string
	goal        int
	agreed      int    // past sprints: the outcome agreed in review
	outcome     string // past sprints: the discussion notes
	stories     []storySpec
	estimates   []estimateSpec // current sprint only; past ones are derived
}

type actionSpec struct {
	text      string
	owner     string
	done      bool
	objective string // title of the sprint objective it follows up, if any
}

type sprintSpec struct {
	name, goal string
	noise      int // past sprints: how widely estimates scatter
	scale      int // past sprints: how strongly biases show, in percent
	objectives []objectiveSpec
	actions    []actionSpec
}

const (
	todo  = model.StoryTodo
	doing = model.StoryDoing
	done  = model.StoryDone
)

// pastSprints are the four closed sprints, oldest first. The team's
// estimates scatter less, and its biases fade, as it goes: the trend
// improves.
var pastSprints = []sprintSpec{
	{
		name: "Sprint 21", goal: "Ship Apple Pay and stop paying for the old coupon service.", noise: 8, scale: 140,
		objectives: []objectiveSpec{
			{title: "Apple Pay in the iOS app", goal: goalReliable, agreed: 75,
				desc:    "Shoppers on iOS pay with Apple Pay instead of typing card details.",
				outcome: "Live for 10 % of iOS users. Refunds still go through support by hand.",
				stories: []storySpec{{"As an iOS shopper I can pay with Apple Pay", 8, done}, {"Merchant certificate rotation is automated", 3, done}, {"Apple Pay appears only on devices that support it", 2, done}, {"Refunds work for Apple Pay orders", 5, doing}}},
			{title: "Order history loads in under a second", goal: goalReturn, agreed: 70,
				outcome: "p95 is 1.4 s on 4G; paging helped, thumbnails are the rest.",
				stories: []storySpec{{"Paginate the order history API", 5, done}, {"Cache product thumbnails on the device", 3, done}, {"Measure p95 load time in the app", 2, todo}}},
			{title: "Retire the legacy coupon service", goal: goalCost, agreed: 40,
				outcome: "Coupons are migrated; the old endpoints still get traffic from the web shop.",
				stories: []storySpec{{"Move active coupons to the promotions API", 8, done}, {"Redirect the old coupon endpoints", 3, doing}, {"Switch off the coupon database", 2, todo}}},
		},
		actions: []actionSpec{{"Check Apple Pay refunds with finance", "sofia", true, "Apple Pay in the iOS app"}},
	},
	{
		name: "Sprint 22", goal: "Let people buy without an account, and stop losing payments on bad networks.", noise: 6, scale: 120,
		objectives: []objectiveSpec{
			{title: "Guest checkout without an account", goal: goalReliable, agreed: 85,
				outcome: "Shipped on web and Android; iOS waits for App Store review.",
				stories: []storySpec{{"As a guest I can check out with just an email address", 8, done}, {"Guests can turn their order into an account afterwards", 5, done}, {"Guest orders show up in support's order search", 3, doing}}},
			{title: "Payment retries survive a flaky network", goal: goalReliable, agreed: 60,
				outcome: "Retries work; idempotency keys are not yet sent to the second provider.",
				stories: []storySpec{{"Send idempotency keys with every authorisation", 5, done}, {"Retry authorisation with backoff on timeouts", 5, done}, {"Same for the fallback provider", 5, todo}, {"Alert when retries exceed 2 % of payments", 2, doing}}},
			{title: "Checkout form meets WCAG 2.2 AA", goal: goalReturn, agreed: 75,
				outcome: "Audit passed except focus order in the address step.",
				stories: []storySpec{{"Labels and errors are read out by screen readers", 3, done}, {"Focus order follows the visual order", 3, doing}, {"Colour contrast of the payment step", 2, done}}},
		},
		actions: []actionSpec{{"Run a screen-reader session with the accessibility panel", "amara", true, "Checkout form meets WCAG 2.2 AA"}},
	},
	{
		name: "Sprint 23", goal: "Baskets follow people between devices; fraud checks move to the new provider.", noise: 5, scale: 100,
		objectives: []objectiveSpec{
			{title: "Saved baskets sync across devices", goal: goalReturn, agreed: 80,
				outcome: "Sync works when logged in; merging two baskets still picks the newest.",
				stories: []storySpec{{"As a shopper I find my phone basket on my laptop", 8, done}, {"Merge baskets when logging in on a second device", 5, doing}, {"Basket sync survives an app update", 2, done}}},
			{title: "Fraud checks move to the new provider", goal: goalCost, agreed: 50,
				outcome: "Shadow mode only. Switch-over needs the chargeback report first.",
				stories: []storySpec{{"Call the new provider in shadow mode", 5, done}, {"Compare decisions for two weeks", 3, doing}, {"Chargeback report from the new provider", 5, todo}, {"Switch over and remove the old client", 3, todo}}},
			{title: "Delivery slots show real capacity", goal: goalReturn, agreed: 65,
				outcome: "Capacity is live for two of three warehouses.",
				stories: []storySpec{{"Read slot capacity from the warehouse API", 5, done}, {"Hide full slots in the slot picker", 3, done}, {"Third warehouse onboarded to the capacity API", 5, todo}}},
		},
		actions: []actionSpec{{"Write a fallback runbook for the fraud provider", "mateo", true, "Fraud checks move to the new provider"}},
	},
	{
		name: "Sprint 24", goal: "First steps to an offline checkout; one-tap reorder.", noise: 4, scale: 90,
		objectives: []objectiveSpec{
			{title: "Checkout works offline", goal: goalReliable, agreed: 35,
				desc:    "Shoppers can build a basket and place an order with no connection; the order is sent when the network returns.",
				outcome: "Only the basket survives a dropped connection so far. Carry it over.",
				stories: []storySpec{{"Spike: queueing orders on the device", 3, done}, {"As a shopper I keep my basket when the connection drops", 5, doing}}},
			{title: "Reorder in one tap from order history", goal: goalReturn, agreed: 85,
				outcome: "Done; out-of-stock items are skipped with a message.",
				stories: []storySpec{{"As a shopper I can reorder a past order in one tap", 5, done}, {"Skip out-of-stock items and say so", 3, done}}},
			{title: "Smart routing cuts payment fees", goal: goalCost, agreed: 55,
				outcome: "Routing live for cards; wallets still go to the expensive provider.",
				stories: []storySpec{{"Route domestic cards to the cheaper acquirer", 5, done}, {"Fee report per provider", 3, doing}, {"Route wallet payments too", 5, todo}}},
		},
		actions: []actionSpec{
			{"Agree what 'works offline' means before the next review", "priya", false, "Checkout works offline"},
			{"Add payment-retry metrics to the checkout dashboard", "sofia", true, ""},
			{"Pair with support on the refund tooling", "jonas", false, ""},
		},
	},
}

// currentSprint is the sprint in review. Its first objective carries
// "Checkout works offline" over from Sprint 24. lin has not finished; amara
// abstains on the runbook; jonas is the outlier on the split objective; the
// confirmation emails look done to everyone but the stories say otherwise.
var currentSprint = sprintSpec{
	name: "Sprint 25", goal: "Shoppers can finish checkout on a train: offline basket and queued orders.",
	objectives: []objectiveSpec{
		{title: "Checkout works offline", goal: goalReliable,
			desc: "Shoppers can build a basket and place an order with no connection; the order is sent when the network returns.",
			stories: []storySpec{
				{"As a shopper I keep my basket when the connection drops", 5, done},
				{"As a shopper I see a clear banner when I am offline", 3, done},
				{"Orders placed offline are queued and sent on reconnect", 8, doing},
				{"Prices that changed while offline are confirmed before payment", 5, todo},
				{"Payment authorisation is retried after reconnect", 5, doing},
			},
			estimates: []estimateSpec{
				{"priya", 55, 3, "Queue works in the demo build; the price check has not started.", false},
				{"jonas", 80, 4, "Basket and queue are basically there, only edge cases left.", false},
				{"amara", 60, 3, "", false},
				{"mateo", 30, 4, "Nothing is done until a queued order survives a real train ride.", false},
				{"lin", 45, 2, "The banner is in; I can't judge the queue.", false},
				{"sofia", 50, 3, "Retry logic is merged behind a flag.", false},
			}},
		{title: "Loyalty points at checkout", goal: goalReturn,
			desc: "Members see their points balance in the basket and can spend points on an order.",
			stories: []storySpec{
				{"As a member I see my points balance in the basket", 3, done},
				{"As a member I can pay part of an order with points", 5, done},
				{"Points come back when an order is refunded", 3, doing},
				{"Loyalty terms are linked from the payment step", 2, done},
			},
			estimates: []estimateSpec{
				{"priya", 75, 4, "Only refunds are left.", false},
				{"jonas", 80, 5, "", false},
				{"amara", 72, 4, "", false},
				{"mateo", 68, 4, "Refund path needs a proper test with finance.", false},
				{"lin", 75, 3, "", false},
				{"sofia", 72, 4, "", false},
			}},
		{title: "Order confirmation arrives within a minute", goal: goalCost,
			desc: "Move confirmation emails off the nightly batch onto the event queue, so support gets fewer 'did my order go through?' contacts.",
			stories: []storySpec{
				{"New order confirmation email template", 2, done},
				{"Checkout publishes an order-placed event", 5, doing},
				{"Email service sends confirmations from order events", 8, todo},
				{"Switch off the nightly confirmation batch", 3, todo},
				{"Time from order to email on the ops dashboard", 2, done},
			},
			estimates: []estimateSpec{
				{"priya", 80, 3, "The new template looks great in the preview.", false},
				{"jonas", 90, 4, "", false},
				{"amara", 85, 4, "Templates shipped.", false},
				{"mateo", 70, 3, "", false},
				{"lin", 85, 4, "", false},
				{"sofia", 80, 2, "The consumer isn't written yet, though.", false},
			}},
		{title: "Address autocomplete for new customers", goal: goalReturn,
			desc: "New customers pick their address from suggestions instead of typing it, so fewer deliveries fail.",
			stories: []storySpec{
				{"Choose and contract an address lookup provider", 2, done},
				{"As a new customer I get address suggestions as I type", 5, doing},
				{"Fall back to manual entry when the lookup fails", 3, todo},
			},
			estimates: []estimateSpec{
				{"priya", 40, 3, "", false},
				{"jonas", 55, 4, "", false},
				{"amara", 45, 3, "The suggestions list is half done.", false},
				{"mateo", 30, 3, "", false},
				{"sofia", 40, 2, "I've only seen the provider contract.", false},
			}},
		{title: "Payments runbook is up to date", goal: noGoal,
			desc: "Rewrite the on-call runbook for the new payment provider before the holiday freeze.",
			estimates: []estimateSpec{
				{"priya", 60, 2, "", false},
				{"jonas", 70, 3, "", false},
				{"amara", 0, 0, "Not my area: I have never been on payments on-call.", true},
				{"mateo", 50, 3, "", false},
				{"sofia", 65, 4, "Two of five sections reviewed.", false},
			}},
		{title: "Support can refund without an engineer", goal: goalCost,
			desc: "Support agents issue full and partial refunds from their console; today every partial refund is a ticket for us.",
			stories: []storySpec{
				{"Refund button in the support console", 0, done},
				{"Partial refunds for single items", 0, doing},
				{"Export a refund audit log", 0, todo},
				{"Support role may refund up to 200 EUR", 0, todo},
			},
			estimates: []estimateSpec{
				{"priya", 25, 3, "", false},
				{"jonas", 35, 3, "", false},
				{"amara", 30, 3, "", false},
				{"mateo", 15, 4, "", false},
				{"sofia", 25, 3, "", false},
			}},
	},
}

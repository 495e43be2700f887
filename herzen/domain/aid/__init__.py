"""Aid: programme rules and grant calculation, payout channels and their validation, the payout state machine,
SEPA files and bank status reports, sanctions lists and screening. Pure Python; `herzen.aid` stores and audits.
"""

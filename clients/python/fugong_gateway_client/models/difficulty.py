from enum import StrEnum


class Difficulty(StrEnum):
    CASH_FLOW = "cash_flow"
    LOGISTICS = "logistics"
    ORDERS = "orders"
    OTHER = "other"
    PREVENTION_SUPPLIES = "prevention_supplies"
    STAFF_SHORTAGE = "staff_shortage"
    SUPPLY_CHAIN = "supply_chain"

    def __str__(self) -> str:
        return str(self.value)

"""Live coverage: followed feeds polled on a schedule, followed speakers and topics, notifications."""

"""What Pactum writes for people: tables and schedules as files."""

"""The database: SQLModel tables, the engine, and the queries the features use."""

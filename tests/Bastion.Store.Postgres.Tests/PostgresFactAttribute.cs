namespace Bastion.Store.Postgres.Tests;

/// <summary>A test that needs a real PostgreSQL: skipped, saying so, when <c>BASTION_TEST_PG</c> names none (.ci/run sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(TestDatabase.AdminConnectionString))
        {
            Skip = "No PostgreSQL for tests: set BASTION_TEST_PG to an Npgsql connection string of a role that may create databases (e.g. Host=127.0.0.1;Port=5433;Username=postgres;Password=…); .ci/run starts one and sets it.";
        }
    }
}

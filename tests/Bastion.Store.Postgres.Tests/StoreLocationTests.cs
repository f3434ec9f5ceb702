using Bastion.Core;
using Bastion.Store.Postgres.Connection;
using Npgsql;

namespace Bastion.Store.Postgres.Tests;

public sealed class StoreLocationTests
{
    [Fact]
    public void Parse_RefusesPassword_WhenTheUrlCarriesOne()
    {
        var e = Should.Throw<BastionException>(() => StoreLocation.Parse("postgres://bastion:s3cret@127.0.0.1:5432/bastion"));
        e.Message.ShouldContain("--store-password-file");
        e.Message.ShouldNotContain("s3cret");
        Should.Throw<BastionException>(() => StoreLocation.Parse("postgres://bastion@127.0.0.1/bastion?password=s3cret")).Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Parse_ReadsHostPortDatabaseAndPasswordFile_FromUrlAndFile()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\nignored\n");
        var location = StoreLocation.Parse("postgres://ops@127.0.0.1:5999/shared?sslmode=disable&application_name=web1", file);
        var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.ApplicationName).ShouldBe(("127.0.0.1", 5999, "shared", "ops", "from-file", "web1"));
        location.Display.ShouldBe("postgres://ops@127.0.0.1:5999/shared");
    }

    [Theory]
    [InlineData("mysql://ops@127.0.0.1/x")]
    [InlineData("127.0.0.1:5432")]
    [InlineData("postgres://ops@127.0.0.1/x?colour=blue")]
    public void Parse_SaysWhatIsAccepted_WhenTheUrlIsWrong(string url) =>
        Should.Throw<BastionException>(() => StoreLocation.Parse(url)).Message.ShouldContain(url.Contains("colour", StringComparison.Ordinal) ? "Accepted: sslmode" : StoreLocation.Syntax);
}

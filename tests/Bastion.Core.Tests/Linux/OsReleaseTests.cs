using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class OsReleaseTests
{
    [Fact]
    public void Parse_ReadsDebian()
    {
        var os = OsRelease.Parse(Fixture.Read("debian12/os-release"));
        os.Id.ShouldBe("debian");
        os.VersionId.ShouldBe("12");
        os.PrettyName.ShouldBe("Debian GNU/Linux 12 (bookworm)");
    }

    [Fact]
    public void Parse_ReadsQuotedIdAndIdLike_OnRocky()
    {
        var os = OsRelease.Parse(Fixture.Read("rocky9/os-release"));
        os.Id.ShouldBe("rocky");
        os.IdLike.ShouldBe("rhel centos fedora");
        os.VersionId.ShouldBe("9.4");
        os.PrettyName.ShouldBe("Rocky Linux 9.4 (Blue Onyx)");
    }

    [Fact]
    public void Parse_ReadsUnquotedValues_OnAlpine()
    {
        var os = OsRelease.Parse(Fixture.Read("alpine320/os-release"));
        os.Id.ShouldBe("alpine");
        os.VersionId.ShouldBe("3.20.3");
        os.Name.ShouldBe("Alpine Linux");
    }

    [Fact]
    public void Parse_BuildsPrettyName_WhenMissing()
    {
        var os = OsRelease.Parse("NAME=\"Foo \\\"OS\\\"\"\nVERSION_ID=7\n");
        os.Name.ShouldBe("Foo \"OS\"");
        os.PrettyName.ShouldBe("Foo \"OS\" 7");
        os.Id.ShouldBe("foo \"os\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("this is not an os-release file\nat all")]
    public void Parse_Throws_OnEmptyOrForeignText(string text) =>
        Should.Throw<FormatException>(() => OsRelease.Parse(text)).Message.ShouldStartWith("os-release:");
}

using System.Text;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// Request signing against the published vectors. Two examples are published: the developer guide's Python example
/// (CLOUDSTACK-2338) gives the API key, the secret key, the string to sign and the signature, so it checks the whole
/// algorithm. The 4.0 API guide's deployVirtualMachine example gives the API key, the string to sign and a signature
/// but not the secret key that made it, so only its string to sign (sorting, lower-casing, the apiKey's place) can be
/// checked; its HMAC cannot be recomputed by anyone without that secret.
/// </summary>
public class SigningTests
{
    private const string GuideApiKey = "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg";
    private const string GuideSecretKey = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";

    private static KeyValuePair<string, string> P(string name, string value) => KeyValuePair.Create(name, value);

    [Fact]
    public void Sign_MatchesTheDeveloperGuideVector()
    {
        KeyValuePair<string, string>[] parameters = [P("command", "listUsers"), P("response", "json"), P("apiKey", GuideApiKey)];

        CloudStackSigner.StringToSign(parameters).ShouldBe(
            "apikey=plgwjfzk4gys3momtvmjuvg-x-jlwlnfauj9gabbbf9edm-kaymmailqzzq1elzlyq_u38zcm0bewzgudp66mg&command=listusers&response=json");
        var signature = CloudStackSigner.Sign(parameters, GuideSecretKey);
        signature.ShouldBe("TTpdDq/7j/J58XCRHomKoQXEQds=");
        CloudStackSigner.Encode(signature).ShouldBe("TTpdDq%2F7j%2FJ58XCRHomKoQXEQds%3D");
    }

    [Fact]
    public void StringToSign_MatchesTheApiGuideDeployExample_WhoseSecretIsNotPublished()
    {
        KeyValuePair<string, string>[] parameters =
        [
            P("command", "deployVirtualMachine"), P("serviceOfferingId", "1"), P("diskOfferingId", "1"), P("templateId", "2"), P("zoneId", "4"),
            P("apiKey", "miVr6X7u6bN_sdahOBpjNejPgEsT35eXq-jB8CG20YI3yaxXcgpyuaIRmFI_EJTVwZ0nUkkJbPmY3y2bciKwFQ"),
            P("signature", "Lxx1DM40AjcXU/caiK8RAP0O1hU="),
        ];

        CloudStackSigner.StringToSign(parameters).ShouldBe(
            "apikey=mivr6x7u6bn_sdahobpjnejpgest35exq-jb8cg20yi3yaxxcgpyuairmfi_ejtvwz0nukkjbpmy3y2bcikwfq&command=deployvirtualmachine&diskofferingid=1&serviceofferingid=1&templateid=2&zoneid=4");
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("x*y", "x*y")]
    [InlineData("~home", "%7Ehome")]
    [InlineData("(web)!'", "%28web%29%21%27")]
    [InlineData("2025-11-08T12:00:00+0000", "2025-11-08T12%3A00%3A00%2B0000")]
    [InlineData("é", "%C3%A9")]
    [InlineData("A-Z_a.z", "A-Z_a.z")]
    public void Encode_SpacesAsPercent20_StarKept_AsTheServerEncodes(string value, string expected) =>
        CloudStackSigner.Encode(value).ShouldBe(expected);

    [Fact]
    public void Encode_AgreesWithTheFakeServersIndependentEncoding_ForEveryAsciiCharacterAndSomeUnicode()
    {
        var values = Enumerable.Range(0x20, 0x5F).Select(c => ((char)c).ToString()).Append("ünïcødé ☁ 雲").Append("10.1.1.0/24,a=b&c");
        foreach (var value in values)
        {
            CloudStackSigner.Encode(value).ShouldBe(FakeSignature.JavaUrlEncode(value), $"value '{value}'");
        }
    }

    [Fact]
    public void Sign_SortsByNameOrdinally_AndLowerCasesOnlyAfterEncoding()
    {
        KeyValuePair<string, string>[] parameters = [P("zoneid", "Z"), P("apiKey", "K"), P("displayname", "Web Server*1"), P("command", "deployVirtualMachine")];
        CloudStackSigner.StringToSign(parameters).ShouldBe("apikey=k&command=deployvirtualmachine&displayname=web%20server*1&zoneid=z");

        var reordered = parameters.Reverse().ToArray();
        CloudStackSigner.Sign(reordered, "s3cr3t").ShouldBe(CloudStackSigner.Sign(parameters, "s3cr3t"));
        CloudStackSigner.Sign(parameters, "s3cr3t").ShouldBe(FakeSignature.Compute(parameters, "s3cr3t"));
        CloudStackSigner.Sign(parameters, "other").ShouldNotBe(CloudStackSigner.Sign(parameters, "s3cr3t"));
    }

    [Fact]
    public void Sign_IgnoresAnExistingSignatureParameter()
    {
        KeyValuePair<string, string>[] without = [P("command", "listZones"), P("apiKey", "K")];
        KeyValuePair<string, string>[] with = [.. without, P("signature", "old")];
        CloudStackSigner.Sign(with, "s").ShouldBe(CloudStackSigner.Sign(without, "s"));
        Encoding.ASCII.GetString(Convert.FromBase64String(CloudStackSigner.Sign(without, "s"))).Length.ShouldBe(20, "HMAC-SHA1 is 20 bytes");
    }
}

namespace Bastion.Core.Tests.Secrets;

/// <summary>
/// Made-up secrets in the shapes real ones take. Token-shaped values are assembled from parts so that secret
/// scanners watching the repository do not mistake the test data for leaked credentials.
/// </summary>
internal static class SecretSamples
{
    public const string Alnum36 = "0123456789abcdefghijABCDEFGHIJ012345";

    public static readonly string GitHubClassic = "gh" + "p_" + Alnum36;
    public static readonly string GitHubApp = "gh" + "s_" + Alnum36;
    public static readonly string GitHubOAuth = "gh" + "o_" + Alnum36;
    public static readonly string GitHubFineGrained = "github" + "_pat_" + "11ABCDEFG0123456789abc_" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678";
    public static readonly string SlackBot = "xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    public static readonly string SlackUser = "xo" + "xp-" + "123456789012-123456789012-123456789012-0123456789abcdef0123456789abcdef";
    public static readonly string AwsKeyId = "AK" + "IA" + "IOSFODNN7EXAMPLE";
    public static readonly string AwsSessionKeyId = "AS" + "IA" + "Y34FZKBOKMUTVV7A";
    public static readonly string AwsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    public static readonly string Jwt = "eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkJhc3Rpb24ifQ" + ".c2lnbmF0dXJlLW5vdC1yZWFsLTAxMjM0NTY3ODk";

    public static readonly string RsaKey =
        "-----BEGIN RSA PRIVATE KEY-----\n" +
        "MIIEowIBAAKCAQEA1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789ab\n" +
        "QWERTYuiopASDFGHjklZXCVbnm+/0987654321zyxwvutsrqponmlkjihgfedcba\n" +
        "-----END RSA PRIVATE KEY-----";

    public static readonly string OpenSshKey =
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" +
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n" +
        "QyNTUxOQAAACDGQX1s0mJ1jbNvXkq1Z4hpFhcbW0iKIA0rXyNLd4ZyTwAAAJiOm2kSjptp\n" +
        "-----END OPENSSH PRIVATE KEY-----";
}

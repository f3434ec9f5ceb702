namespace Bastion.Fakes.CloudStack;

/// <summary>Ids and names of what a new fake holds (own values, made up for the fake).</summary>
public static class FakeSeed
{
    public const string Account = "ops";
    public const string OtherAccount = "finance";

    public const string ZoneA = "9a6f3c1e-0d4b-4c8e-9b7a-1f2e3d4c5b6a";
    public const string ZoneB = "2b7e1c4d-5a6f-4e8b-8c9d-0a1b2c3d4e5f";
    public const string ZoneDisabled = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";

    public const string TemplateUbuntu = "e5cc1f0a-3b2d-4f6e-9a8b-7c6d5e4f3a2b";
    public const string TemplateDebian = "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a";
    public const string TemplateRocky = "8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910";
    public const string TemplateNotReady = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    public const string OfferingSmall = "06720a4b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    public const string OfferingMedium = "16720a4b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    public const string OfferingLarge = "26720a4b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";

    public const string NetworkA = "68c5a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3";
    public const string NetworkShared = "78c5a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3";
    public const string NetworkB = "88c5a1b2-c3d4-4e5f-a6b7-c8d9e0f1a2b3";

    public const string VmWeb01 = "c0d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmWeb02 = "c1d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmDb01 = "c2d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmAppA = "a3d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmAppB = "b4d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmBatch = "c5d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    public const string VmBilling = "c6d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";

    /// <summary>A deploy whose name starts with this fails its job with errorcode 533 (insufficient capacity).</summary>
    public const string FailingNamePrefix = "fail";
}

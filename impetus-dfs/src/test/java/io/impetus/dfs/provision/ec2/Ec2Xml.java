package io.impetus.dfs.provision.ec2;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** EC2 Query API answers as EC2 writes them (namespace 2016-11-15), trimmed to what matters. */
final class Ec2Xml {

  private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private Ec2Xml() {}

  /**
   * One instance.
   *
   * @param id the instance id
   * @param type the instance type
   * @param zone the availability zone
   * @param launched the launch time
   * @param state pending, running, ...
   * @param lifecycle "spot", or null for on-demand
   * @param cluster the value of its impetus:cluster tag
   */
  record Instance(String id, String type, String zone, Instant launched, String state,
      @Nullable String lifecycle, String cluster) {

    /** A pending on-demand t3.micro in us-east-1a. */
    static Instance pending(String id, Instant launched, String cluster) {
      return new Instance(id, "t3.micro", "us-east-1a", launched, "pending", null, cluster);
    }

    String xml() {
      int code = state.equals("pending") ? 0 : 16;
      return "<item>"
          + "<instanceId>" + id + "</instanceId>"
          + "<imageId>ami-0abcdef1234567890</imageId>"
          + "<instanceState><code>" + code + "</code><name>" + state + "</name></instanceState>"
          + "<privateDnsName>ip-10-0-1-17.ec2.internal</privateDnsName>"
          + "<dnsName/>"
          + "<reason/>"
          + "<amiLaunchIndex>0</amiLaunchIndex>"
          + "<productCodes/>"
          + "<instanceType>" + type + "</instanceType>"
          + "<launchTime>" + launched + "</launchTime>"
          + "<placement><availabilityZone>" + zone + "</availabilityZone><groupName/>"
          + "<tenancy>default</tenancy></placement>"
          + "<monitoring><state>disabled</state></monitoring>"
          + "<subnetId>subnet-0a1b2c3d4e5f60718</subnetId>"
          + "<vpcId>vpc-0a1b2c3d4e5f60718</vpcId>"
          + "<privateIpAddress>10.0.1.17</privateIpAddress>"
          + "<sourceDestCheck>true</sourceDestCheck>"
          + "<groupSet><item><groupId>sg-0123456789abcdef0</groupId>"
          + "<groupName>impetus-node</groupName></item></groupSet>"
          + "<architecture>x86_64</architecture>"
          + "<rootDeviceType>ebs</rootDeviceType>"
          + "<rootDeviceName>/dev/xvda</rootDeviceName>"
          + "<blockDeviceMapping/>"
          + (lifecycle == null ? "" : "<instanceLifecycle>" + lifecycle + "</instanceLifecycle>")
          + "<virtualizationType>hvm</virtualizationType>"
          + "<clientToken>3f1c2a5e-0000-4000-8000-000000000000</clientToken>"
          + "<tagSet>"
          + "<item><key>impetus:cluster</key><value>" + cluster + "</value></item>"
          + "<item><key>impetus:role</key><value>node</value></item>"
          + "<item><key>Name</key><value>impetus-" + cluster + "-node</value></item>"
          + "</tagSet>"
          + "<hypervisor>xen</hypervisor>"
          + "<networkInterfaceSet/>"
          + "<ebsOptimized>false</ebsOptimized>"
          + "<metadataOptions><state>pending</state><httpTokens>required</httpTokens>"
          + "<httpPutResponseHopLimit>1</httpPutResponseHopLimit>"
          + "<httpEndpoint>enabled</httpEndpoint></metadataOptions>"
          + "</item>";
    }
  }

  static String runInstances(List<Instance> instances) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<RunInstancesResponse xmlns=\"" + NS + "\">"
        + "<requestId>2a0f8bd1-1c6e-4c5e-9a39-5b3a6c7d8e9f</requestId>"
        + "<reservationId>r-0123456789abcdef0</reservationId>"
        + "<ownerId>123456789012</ownerId>"
        + "<groupSet/>"
        + "<instancesSet>" + items(instances) + "</instancesSet>"
        + "</RunInstancesResponse>";
  }

  static String describeInstances(List<Instance> instances, @Nullable String nextToken) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<DescribeInstancesResponse xmlns=\"" + NS + "\">"
        + "<requestId>8f7e6d5c-4b3a-4291-8807-f6e5d4c3b2a1</requestId>"
        + "<reservationSet>"
        + (instances.isEmpty() ? "" : "<item><reservationId>r-0123456789abcdef0</reservationId>"
            + "<ownerId>123456789012</ownerId><groupSet/>"
            + "<instancesSet>" + items(instances) + "</instancesSet></item>")
        + "</reservationSet>"
        + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>")
        + "</DescribeInstancesResponse>";
  }

  static String terminateInstances(String id) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<TerminateInstancesResponse xmlns=\"" + NS + "\">"
        + "<requestId>59dbff89-35bd-4eac-99ed-be587example</requestId>"
        + "<instancesSet><item>"
        + "<instanceId>" + id + "</instanceId>"
        + "<currentState><code>32</code><name>shutting-down</name></currentState>"
        + "<previousState><code>16</code><name>running</name></previousState>"
        + "</item></instancesSet>"
        + "</TerminateInstancesResponse>";
  }

  static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error></Errors>"
        + "<RequestID>ea966190-f9aa-478e-9ede-cb5432daacc0</RequestID></Response>";
  }

  private static String items(List<Instance> instances) {
    return instances.stream().map(Instance::xml).collect(Collectors.joining());
  }
}

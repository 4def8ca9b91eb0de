package io.impetus.dfs.provision.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.impetus.dfs.provision.ec2.Ec2Xml.Instance;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake of the EC2 Query API that keeps state, on a loopback port: RunInstances creates
 * instances of one cluster (running at once), DescribeInstances lists those not terminated,
 * TerminateInstances terminates one. Enough of EC2 for the provisioner contract; what exactly the
 * provisioner sends is {@link Ec2Stub}'s tests' business. Thread-safe.
 */
final class Ec2Fake implements AutoCloseable {

  private final String cluster;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final WireMockServer server;
  private int nextId = 1;

  Ec2Fake(String cluster) {
    this.cluster = cluster;
    this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .extensions(new State()));
    server.start();
    server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)));
  }

  /** The endpoint to give the SDK client. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private synchronized String answer(Map<String, String> form) {
    switch (form.getOrDefault("Action", "")) {
      case "RunInstances" -> {
        List<Instance> started = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(form.getOrDefault("MaxCount", "1")); i++) {
          Instance instance = new Instance(String.format("i-%017x", nextId++), "t3.micro",
              "us-east-1a", Instant.now(), "running", null, cluster);
          instances.put(instance.id(), instance);
          started.add(instance);
        }
        return Ec2Xml.runInstances(started);
      }
      case "DescribeInstances" -> {
        return Ec2Xml.describeInstances(List.copyOf(instances.values()), null);
      }
      case "TerminateInstances" -> {
        String id = form.get("InstanceId.1");
        instances.remove(id);
        return Ec2Xml.terminateInstances(id);
      }
      default -> {
        return Ec2Xml.error("InvalidAction", "the fake does not do " + form.get("Action"));
      }
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Answers every request from the fake's state. */
  private final class State implements ResponseDefinitionTransformerV2 {

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String xml = answer(Ec2Stub.form(event.getRequest().getBodyAsString()));
      int status = xml.contains("<Errors>") ? 400 : 200;
      return Ec2Stub.xml(status, xml).build();
    }

    @Override
    public String getName() {
      return "ec2-fake-state";
    }
  }
}

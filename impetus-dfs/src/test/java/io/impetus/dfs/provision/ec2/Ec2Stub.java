package io.impetus.dfs.provision.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireMock stub of the EC2 Query API on a loopback port: answers each action with canned XML
 * (in sequence where a test needs throttling first) and hands back the form parameters of the
 * requests it received, oldest first.
 */
final class Ec2Stub implements AutoCloseable {

  private final WireMockServer server = new WireMockServer(options().dynamicPort()
      .bindAddress("127.0.0.1"));

  Ec2Stub() {
    server.start();
  }

  /** The endpoint to give the SDK client. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Answers every request for {@code action} with {@code status} and {@code xml}. */
  void answer(String action, int status, String xml) {
    server.stubFor(post(urlEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&"))
        .willReturn(xml(status, xml)));
  }

  /** Answers successive requests for {@code action} with {@code responses}; the last repeats. */
  void answerInTurn(String action, List<ResponseDefinitionBuilder> responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.size(); i++) {
      String next = i == responses.size() - 1 ? state : action + "-" + (i + 1);
      server.stubFor(post(urlEqualTo("/"))
          .inScenario(action)
          .whenScenarioStateIs(state)
          .withRequestBody(containing("Action=" + action + "&"))
          .willReturn(responses.get(i))
          .willSetStateTo(next));
      state = next;
    }
  }

  /** An XML answer. */
  static ResponseDefinitionBuilder xml(int status, String xml) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
        .withBody(xml);
  }

  /** An EC2 error answer. */
  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return xml(status, Ec2Xml.error(code, message));
  }

  /** A connection that is cut before any answer. */
  static ResponseDefinitionBuilder reset() {
    return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
  }

  /** The form parameters of each request for {@code action}, oldest first. */
  List<Map<String, String>> requests(String action) {
    List<Map<String, String>> requests = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      Map<String, String> form = form(event.getRequest().getBodyAsString());
      if (action.equals(form.get("Action"))) {
        requests.add(form);
      }
    }
    Collections.reverse(requests);
    return requests;
  }

  /** The headers named {@code name} of every request, oldest first. */
  List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      values.add(event.getRequest().getHeader(name));
    }
    Collections.reverse(values);
    return values;
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      form.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    server.stop();
  }
}

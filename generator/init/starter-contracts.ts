// What `evc init` writes: a registry of two services small enough to read in a minute — one that
// sends a keyed event with headers, one that receives it — whose comments explain each part, so
// a newcomer edits it into their own instead of starting from a blank AsyncAPI file.

/** Paths relative to the folder `evc init` is given, POSIX separators. */
export const STARTER_CONTRACTS: Readonly<Record<string, string>> = {
  'contracts/evc.config.yaml': `# Registry-wide settings of evc (eventcontracts), read by \`evc check\` and \`evc release\`.
#
# compatibility: how a message may change between releases, checked by \`evc check\` on every pull
#   request. BACKWARD (the default): consumers on the new contract can still read events written
#   with the old one. Also FORWARD, FULL, their *_TRANSITIVE variants, and NONE. A single message
#   may override it with \`x-evc-compatibility\`.
# mode: strict = Confluent's strict rule set (no property added to an open object);
#   lenient also accepts adding or removing properties of open objects.
compatibility: BACKWARD
mode: strict
`,
  'contracts/orders/asyncapi.yaml': `# One AsyncAPI document per service. This one is the service that OWNS the topic orders.events:
# it is the only one that sends to it, and it defines the events found there. Receivers never
# copy an event: they $ref its definition here (see ../shipping/asyncapi.yaml).
#
# Try: npx evc lint        (checks this folder; file:line:col for every finding)
#      npx evc generate    (typed producer, consumer and validators in generated/)
#      npx evc watch       (both, again on every save)
asyncapi: 3.0.0
info:
  title: orders
  version: 1.0.0
  description: Takes customer orders and announces each accepted one.
  # The team that owns this service; \`evc registry\` shows it next to every event.
  x-owner: team-orders

channels:
  ordersEvents:
    # The Kafka topic is the channel's address.
    address: orders.events
    description: Everything that happens to an order. Keyed by order id.
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
    bindings:
      kafka:
        # \`evc topics --create\` creates the topic (and the receivers' dead-letter topics) this way.
        partitions: 3
        replicas: 1
        bindingVersion: '0.5.0'

operations:
  # \`send\` makes this service the owner of the channel: the generated OrdersProducer gets a
  # sendOrderPlaced() method that validates the event before it is sent.
  sendOrderPlaced:
    action: send
    summary: Announce an accepted order.
    channel:
      $ref: '#/channels/ordersEvents'
    messages:
      - $ref: '#/channels/ordersEvents/messages/OrderPlaced'

components:
  messages:
    OrderPlaced:
      # The name becomes the TypeScript type (OrderPlaced) and the CloudEvents type (ce_type).
      name: OrderPlaced
      title: Order placed
      summary: A customer's order has been accepted.
      contentType: application/json
      # Headers travel as Kafka record headers (strings on the wire, typed in the handler).
      headers:
        type: object
        required: [correlationId]
        properties:
          correlationId:
            type: string
            format: uuid
            description: Id shared by every event caused by the same customer request.
      payload:
        type: object
        # Closed: a producer cannot slip in a field the contract does not declare.
        additionalProperties: false
        required: [type, orderId, customerId, placedAt, lines]
        properties:
          type:
            # Lets a consumer tell the events of one topic apart even without headers.
            const: OrderPlaced
          orderId:
            type: string
            format: uuid
          customerId:
            type: string
            format: uuid
          placedAt:
            type: string
            format: date-time
          lines:
            type: array
            minItems: 1
            maxItems: 100
            items:
              $ref: '#/components/schemas/OrderLine'
      bindings:
        kafka:
          # The record key: events with the same key keep their order (same partition). The
          # generated sendOrderPlaced() requires it, typed and validated like the payload.
          key:
            type: string
            format: uuid
            description: The order id.
          bindingVersion: '0.5.0'

  schemas:
    OrderLine:
      title: OrderLine
      type: object
      additionalProperties: false
      required: [sku, quantity]
      properties:
        sku:
          type: string
          pattern: '^[A-Z0-9-]{3,32}$'
          description: Stock keeping unit of the product ordered.
        quantity:
          type: integer
          minimum: 1
          maximum: 1000
`,
  'contracts/shipping/asyncapi.yaml': `# A service that RECEIVES OrderPlaced: it refers to the definition in ../orders/asyncapi.yaml
# instead of copying it, so there is one definition of each event, owned by its sender.
asyncapi: 3.0.0
info:
  title: shipping
  version: 1.0.0
  description: Ships what customers ordered.
  x-owner: team-shipping

channels:
  ordersEvents:
    address: orders.events
    messages:
      OrderPlaced:
        $ref: '../orders/asyncapi.yaml#/components/messages/OrderPlaced'

operations:
  # \`receive\`: the generated ShippingConsumer calls your onOrderPlaced() handler with a
  # validated, typed event. Invalid or unknown records go to the dead-letter topic instead.
  receiveOrderPlaced:
    action: receive
    summary: Prepare a shipment for every placed order.
    channel:
      $ref: '#/channels/ordersEvents'
    messages:
      - $ref: '#/channels/ordersEvents/messages/OrderPlaced'
    # Where records go that cannot be handled (default <topic>-dlt); \`evc dlq inspect\` shows them.
    x-dead-letter:
      channel: orders.events-dlt
    # A failing handler is retried in place before its record is dead-lettered.
    x-retry:
      maxAttempts: 3
      strategy:
        type: exponential
        initialDelaySeconds: 0.5
        multiplier: 2
`,
};

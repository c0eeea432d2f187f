package e2e

import (
	"fmt"
	"os"

	amqp "github.com/rabbitmq/amqp091-go"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// resetRabbitMQ deletes the queues the RabbitMQ variant's components
// declare ({appID}-<topic> and {appID}-views-<topic>), so that a suite run
// starts without the messages an earlier, interrupted run left in them
// (the queues are durable and named after the apps, the same in every
// run). Only for the suite's own stack: the queues of a `make run` hold
// messages still to deliver.
func resetRabbitMQ() error {
	url := os.Getenv("TASKROCKET_RABBITMQ_URL")
	if url == "" {
		url = "amqp://guest:guest@127.0.0.1:5672"
	}
	conn, err := amqp.Dial(url)
	if err != nil {
		return fmt.Errorf("connect to RabbitMQ at %s: %w", url, err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	defer ch.Close()
	topics := append([]string{contracts.TopicDeadLetter}, contracts.Topics...)
	deleted := 0
	for _, app := range append([]string{"probe"}, contracts.Apps...) {
		for _, topic := range topics {
			for _, q := range []string{app + "-" + topic, app + "-views-" + topic} {
				n, err := ch.QueueDelete(q, false, false, false)
				if err != nil {
					return fmt.Errorf("delete queue %s: %w", q, err)
				}
				deleted += n
			}
		}
	}
	fmt.Fprintf(os.Stderr, "e2e: RabbitMQ queues of earlier runs deleted (%d messages in them)\n", deleted)
	return nil
}

workspace "Shop \"v2\": <b>café</b> & #1 ∖ ~_x_~ 日本 'it''s'" "Written by ArchSim from the scenario's topology" {
    model {
        clients_2 = person "Clients" "workload · poisson" "Clients"
        payments___API = softwareSystem "payments_*_API" "external API" "External"
        system = softwareSystem "Shop \"v2\": <b>café</b> & #1 ∖ ~_x_~ 日本 'it''s'" "Every kind of component, with ids and names that diagram languages find hard." {
            edge = container "edge" "least outstanding" "load balancer" "Load balancer"
            gw = container "gw" "" "gateway" "Gateway"
            end = container "end" "3 replicas" "service" "Service"
            api_v2 = container "api-v2" "1–4 replicas" "service" "Service"
            api_v2_2 = container "api_v2" "2 replicas" "service" "Service"
            node = container "node" "2 replicas" "service" "Service"
            clients = container "clients" "" "service" "Service"
            mailer = container "mailer" "" "service" "Service"
            9lives = container "9lives" "redis" "cache" "Cache"
            this_ = container "this" "" "database" "Database"
            orders = container "orders" "fanout" "queue" "Queue"
            orders_dlq = container "orders-dlq" "rabbitmq" "queue" "Queue"
            search_index = container "search-index" "" "vector_store" "Unknown"
        }

        clients_2 -> edge "requests (browse, check \"out\", über-search)" "" "Synchronous,Requests"
        edge -> gw "balances to" "" "Synchronous,Balances to"
        gw -> end "routes to (browse 0.9)" "" "Synchronous,Routes to"
        gw -> api_v2 "routes to (browse 0.1)" "" "Synchronous,Routes to"
        gw -> node "routes to (check \"out\")" "" "Synchronous,Routes to"
        gw -> api_v2_2 "routes to (über-search)" "" "Synchronous,Routes to"
        end -> 9lives "cache lookup" "" "Synchronous,Cache lookup"
        end -> this_ "db query (get <item> #1, pool 8)" "" "Synchronous,Db query"
        api_v2 -> this_ "db query (get <item> #1)" "" "Synchronous,Db query"
        api_v2_2 -> search_index "call" "" "Synchronous,Call"
        node -> this_ "db query (insert_order)" "" "Synchronous,Db query"
        node -> payments___API "call" "" "Synchronous,Call"
        node -> orders "publish (order placed ~~ *now*)" "" "Asynchronous,Publish"
        node -> clients "connection pool (pool 4)" "" "Synchronous,Connection pool"
        clients -> orders "publish" "" "Asynchronous,Publish"
        orders -> mailer "consumed by (×2)" "" "Asynchronous,Consumed by"
        orders -> clients "consumed by" "" "Asynchronous,Consumed by"
        orders -> orders_dlq "dead letters" "" "Asynchronous,Dead letters"
        orders_dlq -> mailer "consumed by" "" "Asynchronous,Consumed by"
    }

    views {
        container system "topology" {
            include *
            autolayout lr
        }

        styles {
            element "Clients" {
                shape Person
                background #e1e2e3
                stroke #3a4048
                color #1a1a1a
            }
            element "Load balancer" {
                shape Hexagon
                background #ebe4f6
                stroke #7b4fc9
                color #1a1a1a
            }
            element "Gateway" {
                shape Window
                background #daeeef
                stroke #0e8f9a
                color #1a1a1a
            }
            element "Service" {
                shape RoundedBox
                background #dfe9f8
                stroke #2f6fd6
                color #1a1a1a
            }
            element "Cache" {
                shape Ellipse
                background #f5dfe3
                stroke #c02f4a
                color #1a1a1a
            }
            element "Database" {
                shape Cylinder
                background #f6e8db
                stroke #c86a12
                color #1a1a1a
            }
            element "Queue" {
                shape Pipe
                background #dfede2
                stroke #2e8b3e
                color #1a1a1a
            }
            element "External" {
                shape Box
                background #e7e8ea
                stroke #5f6673
                color #1a1a1a
                border dashed
            }
            element "Unknown" {
                shape Box
                background #ebebeb
                stroke #808080
                color #1a1a1a
            }
            relationship "Asynchronous" {
                dashed true
            }
            relationship "Synchronous" {
                dashed false
            }
        }
    }
}

CREATE TABLE regions (
    region_id INTEGER NOT NULL,
    region_name VARCHAR(50) NOT NULL,
    PRIMARY KEY (region_id)
);

CREATE TABLE stores (
    store_id INTEGER NOT NULL,
    store_name VARCHAR(80) NOT NULL,
    city VARCHAR(60) NOT NULL,
    state_code VARCHAR(2) NOT NULL,
    region_id INTEGER NOT NULL,
    opened_date DATE NOT NULL,
    square_feet INTEGER NOT NULL,
    PRIMARY KEY (store_id),
    FOREIGN KEY (region_id) REFERENCES regions (region_id)
);

CREATE TABLE employees (
    employee_id INTEGER NOT NULL,
    first_name VARCHAR(40) NOT NULL,
    last_name VARCHAR(40) NOT NULL,
    email VARCHAR(100) NOT NULL,
    job_title VARCHAR(50) NOT NULL,
    store_id INTEGER,
    manager_id INTEGER,
    hire_date DATE NOT NULL,
    termination_date DATE,
    salary DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (employee_id),
    FOREIGN KEY (store_id) REFERENCES stores (store_id),
    FOREIGN KEY (manager_id) REFERENCES employees (employee_id)
);

CREATE TABLE customers (
    customer_id INTEGER NOT NULL,
    first_name VARCHAR(40) NOT NULL,
    last_name VARCHAR(40) NOT NULL,
    email VARCHAR(100) NOT NULL,
    phone VARCHAR(20),
    city VARCHAR(60) NOT NULL,
    state_code VARCHAR(2) NOT NULL,
    region_id INTEGER NOT NULL,
    signup_date DATE NOT NULL,
    loyalty_tier VARCHAR(10) NOT NULL,
    marketing_opt_in INTEGER NOT NULL,
    PRIMARY KEY (customer_id),
    FOREIGN KEY (region_id) REFERENCES regions (region_id)
);

CREATE TABLE suppliers (
    supplier_id INTEGER NOT NULL,
    supplier_name VARCHAR(80) NOT NULL,
    country VARCHAR(40) NOT NULL,
    contact_email VARCHAR(100),
    lead_time_days INTEGER NOT NULL,
    PRIMARY KEY (supplier_id)
);

CREATE TABLE categories (
    category_id INTEGER NOT NULL,
    category_name VARCHAR(50) NOT NULL,
    department VARCHAR(20) NOT NULL,
    PRIMARY KEY (category_id)
);

CREATE TABLE products (
    product_id INTEGER NOT NULL,
    sku VARCHAR(20) NOT NULL,
    product_name VARCHAR(100) NOT NULL,
    category_id INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL,
    unit_price DECIMAL(10,2) NOT NULL,
    unit_cost DECIMAL(10,2) NOT NULL,
    launch_date DATE NOT NULL,
    is_active INTEGER NOT NULL,
    PRIMARY KEY (product_id),
    FOREIGN KEY (category_id) REFERENCES categories (category_id),
    FOREIGN KEY (supplier_id) REFERENCES suppliers (supplier_id)
);

CREATE TABLE inventory (
    store_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity_on_hand INTEGER NOT NULL,
    reorder_level INTEGER NOT NULL,
    last_restock_date DATE,
    PRIMARY KEY (store_id, product_id),
    FOREIGN KEY (store_id) REFERENCES stores (store_id),
    FOREIGN KEY (product_id) REFERENCES products (product_id)
);

CREATE TABLE orders (
    order_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    store_id INTEGER NOT NULL,
    employee_id INTEGER,
    order_date DATE NOT NULL,
    sales_channel VARCHAR(10) NOT NULL,
    order_status VARCHAR(12) NOT NULL,
    PRIMARY KEY (order_id),
    FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
    FOREIGN KEY (store_id) REFERENCES stores (store_id),
    FOREIGN KEY (employee_id) REFERENCES employees (employee_id)
);

CREATE TABLE order_items (
    order_item_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price DECIMAL(10,2) NOT NULL,
    discount_amount DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (order_item_id),
    FOREIGN KEY (order_id) REFERENCES orders (order_id),
    FOREIGN KEY (product_id) REFERENCES products (product_id)
);

CREATE TABLE payments (
    payment_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    payment_method VARCHAR(20) NOT NULL,
    amount DECIMAL(10,2) NOT NULL,
    paid_at TIMESTAMP NOT NULL,
    PRIMARY KEY (payment_id),
    FOREIGN KEY (order_id) REFERENCES orders (order_id)
);

CREATE TABLE shipments (
    shipment_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    carrier VARCHAR(20) NOT NULL,
    tracking_number VARCHAR(30) NOT NULL,
    shipped_date DATE NOT NULL,
    delivered_date DATE,
    shipping_cost DECIMAL(8,2) NOT NULL,
    PRIMARY KEY (shipment_id),
    FOREIGN KEY (order_id) REFERENCES orders (order_id)
);

CREATE TABLE product_returns (
    return_id INTEGER NOT NULL,
    order_item_id INTEGER NOT NULL,
    return_date DATE NOT NULL,
    quantity_returned INTEGER NOT NULL,
    reason VARCHAR(30) NOT NULL,
    refund_amount DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (return_id),
    FOREIGN KEY (order_item_id) REFERENCES order_items (order_item_id)
);
